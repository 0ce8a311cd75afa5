export function OrdersPage() {
  return <div />;
}
