export function OrderFormPage() {
  return <div />;
}
