import type { HttpClient } from '../http/client.js';
import type { Page } from '../http/page.js';
import type { User } from '../models/user.js';

/** The page size of User lists. */
export const USER_PAGE_SIZE = 20;

/**
 * Reads and writes users through the REST API.
 */
export class UserService {
  constructor(private readonly http: HttpClient) {}

  list(page = 1): Promise<Page<User>> {
    return this.http.get(`/api/users?page=${page}&size=${USER_PAGE_SIZE}`);
  }

  get(id: string): Promise<User> {
    return this.http.get(`/api/users/${id}`);
  }

  create(input: Omit<User, 'id'>): Promise<User> {
    return this.http.post('/api/users', input);
  }

  remove(id: string): Promise<void> {
    return this.http.delete(`/api/users/${id}`);
  }
}
