// Owned by the commerce half of the emulator; see store.ts.
export interface DraftOrderRecord {
  id: string;
}

export interface OrderRecord {
  id: string;
}
