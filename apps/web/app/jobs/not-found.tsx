import Link from 'next/link';

export default function JobsNotFound() {
  return (
    <div className="notice" role="alert">
      <h1>No such job</h1>
      <p><Link href="/jobs">See all jobs</Link>.</p>
    </div>
  );
}
