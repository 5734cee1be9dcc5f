package io.usp.protocol.pki;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * Subject alternative names of a server certificate: a DNS name, or an IP address when the name
 * is an IP literal. Names are compared in a normal form (lower case, canonical IP text).
 */
public final class SubjectNames {

    private static final int DNS = 2;
    private static final int IP = 7;

    private SubjectNames() {
    }

    static GeneralNames toGeneralNames(List<String> names) {
        GeneralName[] result = new GeneralName[names.size()];
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            result[i] = ipAddress(name) != null
                    ? new GeneralName(GeneralName.iPAddress, stripBrackets(name))
                    : new GeneralName(GeneralName.dNSName, name);
        }
        return new GeneralNames(result);
    }

    /** The normal form of {@code names}, for comparing with {@link #of(X509Certificate)}. */
    static Set<String> normalize(List<String> names) {
        Set<String> result = new TreeSet<>();
        for (String name : names) {
            result.add(normalize(name));
        }
        return result;
    }

    /** The DNS and IP subject alternative names of {@code certificate}, in normal form. */
    static Set<String> of(X509Certificate certificate) throws CertificateParsingException {
        Set<String> result = new TreeSet<>();
        Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
        if (entries == null) {
            return result;
        }
        for (List<?> entry : entries) {
            int type = (Integer) entry.get(0);
            if (type == DNS || type == IP) {
                result.add(normalize((String) entry.get(1)));
            }
        }
        return result;
    }

    /**
     * Whether a server certificate for {@code names} passes a client's check when the client
     * dials {@code host}: one of the names is that host, in normal form.
     */
    public static boolean covers(List<String> names, String host) {
        return normalize(names).contains(normalize(host));
    }

    static void validate(List<String> names) {
        if (names == null || names.isEmpty()) {
            throw new IllegalArgumentException("server names: at least one DNS name or IP address is required");
        }
        for (String name : names) {
            if (name == null || name.isBlank() || !name.equals(name.strip())) {
                throw new IllegalArgumentException("server names: invalid name '" + name + "'");
            }
        }
    }

    private static String normalize(String name) {
        InetAddress address = ipAddress(name);
        return address != null ? address.getHostAddress() : name.toLowerCase(Locale.ROOT);
    }

    /** Parses an IP literal without any DNS lookup; null when {@code name} is not one. */
    private static InetAddress ipAddress(String name) {
        return NetUtil.createInetAddressFromIpAddressString(stripBrackets(name));
    }

    private static String stripBrackets(String name) {
        return name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
    }
}
