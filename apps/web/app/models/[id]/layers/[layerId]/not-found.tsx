import Link from 'next/link';

export default function LayerNotFound() {
  return (
    <div className="notice" role="alert">
      <h1>No such layer</h1>
      <p>The layer does not exist or belongs to a deleted model. <Link href="/">See all models</Link>.</p>
    </div>
  );
}
