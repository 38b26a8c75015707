// The server entry both apps share: whole documents with the CSP nonce, 503 pages when the database is away.
export { default, handleDataRequest, handleError, streamTimeout } from "@planpulse/remix/entry";
