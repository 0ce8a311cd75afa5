export function ArchivePage() {
  return <div />;
}
