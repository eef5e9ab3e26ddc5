import type { HttpClient } from '../http/client.js';
import type { Page } from '../http/page.js';
import type { OrderItem } from '../models/order-item.js';

/** The page size of OrderItem lists. */
export const ORDER_ITEM_PAGE_SIZE = 20;

/**
 * Reads and writes order items through the REST API.
 */
export class OrderItemService {
  constructor(private readonly http: HttpClient) {}

  list(page = 1): Promise<Page<OrderItem>> {
    return this.http.get(`/api/order-items?page=${page}&size=${ORDER_ITEM_PAGE_SIZE}`);
  }

  get(id: string): Promise<OrderItem> {
    return this.http.get(`/api/order-items/${id}`);
  }

  create(input: Omit<OrderItem, 'id'>): Promise<OrderItem> {
    return this.http.post('/api/order-items', input);
  }

  remove(id: string): Promise<void> {
    return this.http.delete(`/api/order-items/${id}`);
  }
}
