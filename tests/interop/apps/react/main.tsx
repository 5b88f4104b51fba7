// A React 19 portal using egov-elements through its wrappers (egov-elements/react) and as
// plain tags in TSX: properties (tokenProvider, payload), events as on… props, a controlled checkbox.
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { CatalogBrowser, Checkbox, Provider, Signature } from 'egov-elements/react';

declare global {
  interface Window { tokenCalls: number; portalToken?: string }
}
window.tokenCalls = 0;
const tokenProvider = () => {
  window.tokenCalls++;
  return window.portalToken;
};
const PAYLOAD = { serviceCode: 'interop', data: { answer: 42 } };

function App() {
  const [selected, setSelected] = useState('');
  const [agreed, setAgreed] = useState(false);
  return (
    <Provider apiBase="/api" locale="en" tokenProvider={tokenProvider}>
      <p id="selected">{selected}</p>
      <p id="agreed">{String(agreed)}</p>
      <Checkbox id="agree" name="agree" label="I agree" checked={agreed} onEgovChange={(e) => setAgreed(e.detail.value === true)} />
      <button id="reset" type="button" onClick={() => setAgreed(false)}>Untick</button>
      <Signature id="signature" signer="remote" payload={PAYLOAD} />
      <egov-catalog-browser id="plain" mode="open" page-size={5}></egov-catalog-browser>
      <CatalogBrowser id="sharing" mode="sharing" pageSize={5} onEgovItemSelect={(e) => setSelected(e.detail.id)} />
    </Provider>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
