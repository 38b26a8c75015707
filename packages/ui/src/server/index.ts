export { DOCUMENT_TIMEOUT_MS, renderDocument, type DocumentRequest } from "./render-document";
