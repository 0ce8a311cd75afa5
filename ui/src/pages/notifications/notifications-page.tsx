export function NotificationsPage() {
  return <div />;
}
