export async function e2eBench(args: string[]): Promise<unknown> {
  return { todo: args };
}
