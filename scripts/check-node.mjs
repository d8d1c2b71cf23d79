// Runs before every npm script: the stack (node:sqlite, ky 2, msw 3, @web/test-runner 1)
// needs Node 22 or newer, and older versions fail with errors that do not say so.
// Written in plain, old-syntax JavaScript so that it can speak on any Node.
const required = 22;
const major = Number(process.versions.node.split('.')[0]);
if (major < required) {
  console.error(
    [
      '',
      `hubkit needs Node.js ${required} or newer; this is Node.js ${process.versions.node} (${process.execPath}).`,
      'On Linux x64, `npm install` brings Node 24 into node_modules/.bin and npm scripts use it;',
      'elsewhere install Node 24 (https://nodejs.org or your version manager) and run the command again.',
      '',
    ].join('\n'),
  );
  process.exit(1);
}
