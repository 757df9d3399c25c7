package io.mlflow4j.runtime.store.rest;

import io.mlflow4j.runtime.error.MlflowException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS for {@code https} tracking URIs, as MLflow's clients configure {@code requests}:
 * {@code MLFLOW_TRACKING_INSECURE_TLS=true} skips certificate and host name checks,
 * {@code MLFLOW_TRACKING_SERVER_CERT_PATH} is a PEM file of the certificates to trust instead of
 * the JVM's, {@code MLFLOW_TRACKING_CLIENT_CERT_PATH} is a PEM file with the client's certificate
 * chain and its unencrypted PKCS#8 private key ({@code BEGIN PRIVATE KEY}).
 *
 * @param insecure skip verification of the server
 * @param serverCertPath trusted certificates, or {@code null} for the JVM's trust store
 * @param clientCertPath the client certificate and key, or {@code null}
 */
record TlsSettings(boolean insecure, Path serverCertPath, Path clientCertPath) {
    public static final String INSECURE_ENV = "MLFLOW_TRACKING_INSECURE_TLS";
    public static final String SERVER_CERT_ENV = "MLFLOW_TRACKING_SERVER_CERT_PATH";
    public static final String CLIENT_CERT_ENV = "MLFLOW_TRACKING_CLIENT_CERT_PATH";

    private static final Pattern PEM_KEY =
            Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    public TlsSettings {
        if (insecure && serverCertPath != null) {
            throw MlflowException.invalidParameter(INSECURE_ENV + " is true and " + SERVER_CERT_ENV
                    + " is set: MLflow refuses this combination. Unset one of them.");
        }
    }

    public static TlsSettings defaults() {
        return new TlsSettings(false, null, null);
    }

    public static TlsSettings fromEnvironment(Map<String, String> env) {
        String insecure = env.getOrDefault(INSECURE_ENV, "false").trim().toLowerCase(Locale.ROOT);
        if (!List.of("true", "false", "1", "0", "").contains(insecure)) {
            throw MlflowException.invalidParameter(
                    INSECURE_ENV + " is '" + env.get(INSECURE_ENV) + "'; use true or false.");
        }
        return new TlsSettings(
                insecure.equals("true") || insecure.equals("1"),
                path(env.get(SERVER_CERT_ENV)),
                path(env.get(CLIENT_CERT_ENV)));
    }

    private static Path path(String value) {
        return value == null || value.isBlank() ? null : Paths.get(value.trim());
    }

    /** The SSL context for these settings. */
    public SSLContext sslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            TrustManager[] trust = insecure
                    ? new TrustManager[] {new TrustEverything()}
                    : serverCertPath != null ? trustManagers(serverCertPath) : null;
            context.init(clientCertPath != null ? keyManagers(clientCertPath) : null, trust, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw MlflowException.invalidParameter("Could not set up TLS for the tracking server: " + e.getMessage()
                    + ". Check " + SERVER_CERT_ENV + " and " + CLIENT_CERT_ENV + ".");
        }
    }

    private static TrustManager[] trustManagers(Path pem) throws GeneralSecurityException {
        Collection<? extends Certificate> certificates = readCertificates(pem, SERVER_CERT_ENV);
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        int i = 0;
        for (Certificate certificate : certificates) {
            store.setCertificateEntry("trusted-" + i++, certificate);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }

    private static KeyManager[] keyManagers(Path pem) throws GeneralSecurityException {
        Collection<? extends Certificate> chain = readCertificates(pem, CLIENT_CERT_ENV);
        String text = readText(pem, CLIENT_CERT_ENV);
        Matcher key = PEM_KEY.matcher(text);
        if (!key.find()) {
            throw MlflowException.invalidParameter(CLIENT_CERT_ENV + " points to " + pem + ", which holds no"
                    + " unencrypted PKCS#8 private key (-----BEGIN PRIVATE KEY-----). Convert the key with"
                    + " 'openssl pkcs8 -topk8 -nocrypt' and append it to the certificate file.");
        }
        byte[] der = Base64.getMimeDecoder().decode(key.group(1));
        PrivateKey privateKey = null;
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "DSA")) {
            try {
                privateKey = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                break;
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        if (privateKey == null) {
            throw MlflowException.invalidParameter("The private key in " + pem + " (" + CLIENT_CERT_ENV
                    + ") is not an RSA, EC, Ed25519 or DSA key that Java can read.");
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        char[] password = new char[0];
        store.setKeyEntry("client", privateKey, password, chain.toArray(new Certificate[0]));
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        return factory.getKeyManagers();
    }

    private static Collection<? extends Certificate> readCertificates(Path pem, String env) {
        String text = readText(pem, env);
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\\s]+-----END CERTIFICATE-----")
                .matcher(text);
        while (m.find()) {
            blocks.add(m.group());
        }
        if (blocks.isEmpty()) {
            throw MlflowException.invalidParameter(
                    env + " points to " + pem + ", which holds no PEM certificate (-----BEGIN CERTIFICATE-----).");
        }
        try {
            return CertificateFactory.getInstance("X.509")
                    .generateCertificates(
                            new ByteArrayInputStream(String.join("\n", blocks).getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw MlflowException.invalidParameter(
                    "Could not read the certificates in " + pem + " (" + env + "): " + e.getMessage());
        }
    }

    private static String readText(Path pem, String env) {
        try {
            return Files.readString(pem, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw MlflowException.invalidParameter(env + " points to " + pem + ", which cannot be read: " + e
                    + ". Fix the path or unset the variable.");
        }
    }

    /** MLFLOW_TRACKING_INSECURE_TLS: accepts any certificate for any host name. */
    private static final class TrustEverything extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
