#!/usr/bin/env node
// Runs the built CLI; from a checkout, `npm run build` first (npm start does).
const [major] = process.versions.node.split('.').map(Number);
if (major < 22) {
  console.error(`hubkit-server needs Node.js 22 or newer; this is ${process.versions.node}.`);
  process.exit(1);
}
const { main } = await import('../dist/cli.js');
await main(process.argv.slice(2));
