/** The HTTP client the services share (a stand-in: the example is about mining the services). */
export interface HttpClient {
  get<T>(url: string): Promise<T>;
  post<T>(url: string, body: unknown): Promise<T>;
  delete<T>(url: string): Promise<T>;
}
