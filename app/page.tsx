export default function HomePage() {
  return <div className="p-8">Datasource Lab</div>;
}
