/** What test and benchmark code calls inside extension pages through `page.evaluate`. */
interface PageStorageArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}
declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  action: {
    openPopup(): Promise<void>;
    getBadgeText(details: { tabId: number }): Promise<string>;
    getTitle(details: { tabId: number }): Promise<string>;
  };
  tabs: { query(info: { active: boolean; lastFocusedWindow: boolean }): Promise<{ id?: number }[]> };
  storage: { local: PageStorageArea; session: PageStorageArea };
};
