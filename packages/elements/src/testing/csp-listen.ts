// Runs before anything else on the page: records every CSP violation the browser reports.
export const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (event) => {
  violations.push(`${event.violatedDirective} ${event.blockedURI}`);
});

/** Tells the test page what happened, after the browser has had time to report violations. */
export function report(result: unknown): void {
  setTimeout(() => {
    window.parent.postMessage({ result, violations }, '*');
  }, 300);
}
