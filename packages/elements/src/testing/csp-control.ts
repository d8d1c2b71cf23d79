import { report } from './csp-listen.ts';

// What a careless component would do: both must be reported, or the policy proves nothing.
const div = document.createElement('div');
div.setAttribute('style', 'color: red');
document.body.append(div);
let sinkRefused = false;
try {
  div.innerHTML = '<b>typed</b>';
} catch {
  sinkRefused = true;
}
report({ sinkRefused });
