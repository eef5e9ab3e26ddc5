import type { HttpClient } from '../http/client.js';
import type { Page } from '../http/page.js';
import type { Invoice } from '../models/invoice.js';

/** The page size of Invoice lists. */
export const INVOICE_PAGE_SIZE = 20;

/**
 * Reads and writes invoices through the REST API.
 */
export class InvoiceService {
  constructor(private readonly http: HttpClient) {}

  list(page = 1): Promise<Page<Invoice>> {
    return this.http.get(`/api/invoices?page=${page}&size=${INVOICE_PAGE_SIZE}`);
  }

  get(id: string): Promise<Invoice> {
    return this.http.get(`/api/invoices/${id}`);
  }

  create(input: Omit<Invoice, 'id'>): Promise<Invoice> {
    return this.http.post('/api/invoices', input);
  }

  remove(id: string): Promise<void> {
    return this.http.delete(`/api/invoices/${id}`);
  }

  /** Invoices only: e-mails the invoice to its customer. */
  send(id: string): Promise<void> {
    return this.http.post(`/api/invoices/${id}/send`, {});
  }
}
