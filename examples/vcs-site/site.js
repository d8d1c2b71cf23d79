/* global document, customElements */
// The partner's own wiring, as a module file (the page's CSP allows no inline script): a service
// chosen in the finder becomes the referral's destination; a language switch; and a message with
// a phone number if the elements do not load.
const provider = document.querySelector('hub-provider');
const form = document.querySelector('hub-referral-form');
const referHeading = document.getElementById('refer-heading');
const language = document.getElementById('language');
const unavailable = document.getElementById('unavailable');

// `hub-service-select` bubbles out of the finder with `detail.service`. The form shows the
// service's name and sends its id; a property set before the element is defined is kept.
document.addEventListener('hub-service-select', (event) => {
  if (!form) return;
  form.service = event.detail.service;
  // Take the person on to the referral.
  referHeading?.focus();
});

// `hub-referral-submitted`: the form shows the reference itself; nothing more to do here.

const TAGS = ['hub-provider', 'hub-service-finder', 'hub-referral-form'];
const defined = Promise.all(TAGS.map((tag) => customElements.whenDefined(tag)));
const late = new Promise((resolve) => setTimeout(resolve, 8000, 'late'));
void Promise.race([defined, late]).then((result) => {
  if (result === 'late' || TAGS.some((tag) => !customElements.get(tag))) {
    if (unavailable) unavailable.hidden = false;
    return;
  }
  if (!language || !provider) return;
  // The elements speak English and Welsh.
  language.hidden = false;
  language.addEventListener('click', () => {
    const welsh = provider.getAttribute('lang') === 'cy';
    provider.setAttribute('lang', welsh ? 'en' : 'cy');
    language.textContent = welsh ? 'Cymraeg' : 'English';
    language.lang = welsh ? 'cy' : 'en';
  });
});
