export function ApprovalsPage() {
  return <div />;
}
