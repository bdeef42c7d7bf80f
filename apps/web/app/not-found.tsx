import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="notice" role="alert">
      <h1>Not found</h1>
      <p>There is no such page. <Link href="/">Back to all models</Link>.</p>
    </div>
  );
}
