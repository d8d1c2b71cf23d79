/* global document */
// The staff portal's page: the provider asks this site's server for staff tokens (the server
// mints them with the partner's secret key, which never reaches this page), and a button asks the
// server to make an example referral, as the partner's own case system would.
const provider = document.querySelector('hub-provider');
provider.staffToken = async () => {
  const answer = await fetch('/hub-token', { method: 'POST', credentials: 'same-origin' });
  if (!answer.ok) throw new Error('No staff token: are you signed in?');
  return answer.json();
};

const button = document.querySelector('#example-referral');
const result = document.querySelector('#example-result');
button.addEventListener('click', async () => {
  button.disabled = true;
  result.textContent = 'Making an example referral…';
  try {
    const answer = await fetch('/example-referral', { method: 'POST', credentials: 'same-origin' });
    if (!answer.ok) throw new Error(String(answer.status));
    const { reference } = await answer.json();
    result.textContent = `Example referral ${reference} made.`;
    await document.querySelector('hub-referral-tracker').refresh();
  } catch {
    result.textContent = 'The example referral could not be made. Is the hub running?';
  } finally {
    button.disabled = false;
  }
});
