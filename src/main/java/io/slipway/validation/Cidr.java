package io.slipway.validation;

/**
 * An IPv4 CIDR block in canonical form. {@link #parse} is strict, as AWS and kube-apiserver are: each octet is
 * decimal 0-255 without leading zeros, the prefix is 0-32, and no host bits may be set (10.0.0.1/16 is refused,
 * with the network address 10.0.0.0/16 suggested), so that equal blocks always compare equal.
 */
public final class Cidr {
    private final long network;
    private final int prefix;

    private Cidr(long network, int prefix) {
        this.network = network;
        this.prefix = prefix;
    }

    /** @throws IllegalArgumentException with a message that says what is wrong and what would be right */
    public static Cidr parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("must be an IPv4 CIDR like 10.0.0.0/16");
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            parseAddress(text, text);
            throw new IllegalArgumentException("\"" + text + "\" has no prefix length; write it as a CIDR like " + text + "/32");
        }
        long address = parseAddress(text.substring(0, slash), text);
        String prefixText = text.substring(slash + 1);
        if (!isDecimal(prefixText) || prefixText.length() > 2 || (prefixText.length() > 1 && prefixText.charAt(0) == '0')) {
            throw new IllegalArgumentException("\"" + text + "\" is not an IPv4 CIDR: the prefix length must be a number 0-32");
        }
        int prefix = Integer.parseInt(prefixText);
        if (prefix > 32) {
            throw new IllegalArgumentException("\"" + text + "\" is not an IPv4 CIDR: prefix length /" + prefix + " is out of range 0-32");
        }
        long network = address & mask(prefix);
        if (network != address) {
            throw new IllegalArgumentException("\"" + text + "\" has host bits set; the network address is " + format(network) + "/" + prefix);
        }
        return new Cidr(network, prefix);
    }

    private static long parseAddress(String addr, String whole) {
        String[] octets = addr.split("\\.", -1);
        if (octets.length != 4) {
            throw new IllegalArgumentException("\"" + whole + "\" is not an IPv4 CIDR; expected a.b.c.d/n, e.g. 10.0.0.0/16");
        }
        long value = 0;
        for (String octet : octets) {
            if (!isDecimal(octet) || octet.length() > 3) {
                throw new IllegalArgumentException("\"" + whole + "\" is not an IPv4 CIDR; expected a.b.c.d/n, e.g. 10.0.0.0/16");
            }
            if (octet.length() > 1 && octet.charAt(0) == '0') {
                throw new IllegalArgumentException("\"" + whole + "\": octet " + octet + " has a leading zero (octal or decimal?); write " + Integer.parseInt(octet));
            }
            int v = Integer.parseInt(octet);
            if (v > 255) {
                throw new IllegalArgumentException("\"" + whole + "\": octet " + v + " is out of range 0-255");
            }
            value = (value << 8) | v;
        }
        return value;
    }

    private static boolean isDecimal(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static long mask(int prefix) {
        return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    }

    private static String format(long address) {
        return ((address >> 24) & 0xFF) + "." + ((address >> 16) & 0xFF) + "." + ((address >> 8) & 0xFF) + "." + (address & 0xFF);
    }

    public int prefixLength() {
        return prefix;
    }

    /** Number of addresses in the block. */
    public long size() {
        return 1L << (32 - prefix);
    }

    public String networkAddress() {
        return format(network);
    }

    private long last() {
        return network + size() - 1;
    }

    /** True when every address of {@code other} lies in this block. */
    public boolean contains(Cidr other) {
        return other.network >= network && other.last() <= last();
    }

    public boolean overlaps(Cidr other) {
        return network <= other.last() && other.network <= last();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.network == network && c.prefix == prefix;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(network) * 31 + prefix;
    }

    @Override
    public String toString() {
        return format(network) + "/" + prefix;
    }
}
