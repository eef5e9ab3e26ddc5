import type { HttpClient } from '../http/client.js';
import type { Page } from '../http/page.js';
import type { Product } from '../models/product.js';

/** The page size of Product lists. */
export const PRODUCT_PAGE_SIZE = 50;

/**
 * Reads and writes products through the REST API.
 */
export class ProductService {
  constructor(private readonly http: HttpClient) {}

  list(page = 1): Promise<Page<Product>> {
    return this.http.get(`/api/products?page=${page}&size=${PRODUCT_PAGE_SIZE}`);
  }

  get(id: string): Promise<Product> {
    return this.http.get(`/api/products/${id}`);
  }

  create(input: Omit<Product, 'id'>): Promise<Product> {
    return this.http.post('/api/products', input);
  }

  remove(id: string): Promise<void> {
    return this.http.delete(`/api/products/${id}`);
  }
}
