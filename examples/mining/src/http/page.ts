/** One page of a list. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly page: number;
  readonly total: number;
}
