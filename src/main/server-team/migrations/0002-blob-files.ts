/** Schema version 2: a blob's bytes may live in the server's files folder (--files) instead of the table: bytes is then NULL. */
export default /* sql */ `
ALTER TABLE blobs ALTER COLUMN bytes DROP NOT NULL;
`;
