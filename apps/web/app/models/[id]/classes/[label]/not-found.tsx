import Link from 'next/link';

export default function ClassNotFound() {
  return (
    <div className="notice" role="alert">
      <h1>No such class</h1>
      <p>The model has no class with this label. <Link href="/">See all models</Link>.</p>
    </div>
  );
}
