import { BlockList, isIP } from 'node:net';

/** An IPv4 address written as IPv6 (`::ffff:203.0.113.7`), as a dual-stack socket reports it. */
const IPV4_MAPPED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

function plainAddress(address: string): string {
  return IPV4_MAPPED.exec(address)?.[1] ?? address;
}

function family(address: string): 'ipv4' | 'ipv6' | null {
  const version = isIP(address);
  return version === 4 ? 'ipv4' : version === 6 ? 'ipv6' : null;
}

/** Whether an entry of `allowedIps` is an address or a CIDR range (`203.0.113.0/24`, `2001:db8::/32`). */
export function isAddressOrRange(entry: string): boolean {
  const [address, prefix, extra] = entry.split('/');
  const kind = family(address);
  if (!kind || extra !== undefined) {
    return false;
  }
  if (prefix === undefined) {
    return true;
  }
  const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : -1;
  return bits >= 0 && bits <= (kind === 'ipv4' ? 32 : 128);
}

/** The addresses a webhook accepts requests from; built once per workflow version. */
export class AllowedAddresses {
  private readonly list = new BlockList();

  constructor(entries: string[]) {
    for (const entry of entries) {
      const [address, prefix] = entry.split('/');
      const kind = family(address);
      if (!kind) {
        continue;
      }
      if (prefix === undefined) {
        this.list.addAddress(address, kind);
      } else {
        this.list.addSubnet(address, Number(prefix), kind);
      }
    }
  }

  allows(clientAddress: string): boolean {
    const address = plainAddress(clientAddress);
    const kind = family(address);
    return kind !== null && this.list.check(address, kind);
  }
}
