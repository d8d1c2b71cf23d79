import './provider.ts';
import './service-finder.ts';
import './consent-capture.ts';
import './referral-form.ts';
import './referral-tracker.ts';
import './report.ts';
