import Link from 'next/link';

export default function ModelNotFound() {
  return (
    <div className="notice" role="alert">
      <h1>No such model</h1>
      <p>It may have been deleted, or the link is wrong. <Link href="/">See all models</Link>.</p>
    </div>
  );
}
