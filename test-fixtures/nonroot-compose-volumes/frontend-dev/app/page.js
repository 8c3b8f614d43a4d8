export default function Page() { return <h1>dev</h1>; }
