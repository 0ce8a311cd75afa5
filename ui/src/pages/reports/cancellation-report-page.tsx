export function CancellationReportPage() {
  return <div />;
}
