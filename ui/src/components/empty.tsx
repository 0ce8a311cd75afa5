export function Empty({ text }: { text: string }) {
  return <div className="empty">{text}</div>;
}
