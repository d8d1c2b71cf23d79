// Each element registers itself when its module is imported; React renders them only after, so
// that it finds their properties and sets them as properties (objects included).
// The hub-* tags as typed JSX: props from the element classes, onhub-* events typed.
import type {} from '@hubkit/elements/react';
import '@hubkit/elements/define/provider';
import '@hubkit/elements/define/service-finder';
import '@hubkit/elements/define/referral-form';
import '@hubkit/elements/define/consent-capture';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import './app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
