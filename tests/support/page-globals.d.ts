/** What test and benchmark code calls inside extension pages through `page.evaluate`. */
declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  action: { openPopup(): Promise<void> };
  storage: { local: { get(key: string): Promise<unknown>; set(items: Record<string, unknown>): Promise<void> } };
};
