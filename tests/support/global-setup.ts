// Filled in with the database harness.
export default async function setup() {}
