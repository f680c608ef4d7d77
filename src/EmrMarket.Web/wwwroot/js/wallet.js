// The browser wallet (EIP-1193 window.ethereum: MetaMask and the like), for linking it (EIP-4361 with personal_sign)
// for signing consents and purchases (eth_signTypedData_v4), and for sending a purchase (eth_sendTransaction). Every call answers { value } or { error }, never throws, so
// the page can show the wallet's own reason ("User rejected the request.").

const provider = () => (typeof window.ethereum?.request === 'function' ? window.ethereum : null);

async function ask(method, params) {
  const wallet = provider();
  if (!wallet) return { error: 'no browser wallet was found on this page' };
  try {
    return { value: await wallet.request({ method, params }) };
  } catch (e) {
    return { error: e?.message ?? String(e) };
  }
}

export function hasWallet() {
  return provider() !== null;
}

export async function requestAccount() {
  const reply = await ask('eth_requestAccounts', []);
  return reply.error ? reply : { value: reply.value?.[0] ?? null, error: reply.value?.length ? undefined : 'the wallet shared no account' };
}

// personal_sign takes the message as hex of its UTF-8 bytes (EIP-191 version 0x45 is applied by the wallet).
export function personalSign(message, address) {
  const hex = '0x' + Array.from(new TextEncoder().encode(message), b => b.toString(16).padStart(2, '0')).join('');
  return ask('personal_sign', [hex, address]);
}

export function signTypedData(address, typedDataJson) {
  return ask('eth_signTypedData_v4', [address, typedDataJson]);
}

// The wallet fills in gas, fees and nonce itself and answers the transaction hash.
export function sendTransaction(from, to, data) {
  return ask('eth_sendTransaction', [{ from, to, data }]);
}
