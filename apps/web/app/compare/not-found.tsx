import Link from 'next/link';

export default function CompareNotFound() {
  return (
    <div className="notice" role="alert">
      <h1>Nothing to compare</h1>
      <p>One of the models does not exist. <Link href="/compare">Choose models</Link>.</p>
    </div>
  );
}
