export interface Invoice {
  id: string;
  total: number;
}
