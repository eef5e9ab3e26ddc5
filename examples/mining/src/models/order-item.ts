export interface OrderItem {
  id: string;
  quantity: number;
}
