import { HubReport } from '../report/report.ts';

if (!customElements.get('hub-report')) customElements.define('hub-report', HubReport);
