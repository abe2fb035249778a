package io.dialright.system;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The lookup benchmark's HTTP/1.1 client: GET requests over one kept-alive socket, nothing else. The JDK's
 * {@code HttpURLConnection} cost the load generator 0.08–0.10 ms of CPU per lookup — a tenth of the whole machine's
 * work per lookup, taken from the two cores being measured; this one writes a request and reads a response with no
 * more than the bytes need. It reads what the services send: a {@code Content-Length} body or a chunked one, and a
 * {@code Connection: close}. Anything else is a failure of the request, and the next one opens a new connection.
 */
final class KeepAliveClient implements AutoCloseable {

    /** A response: its status and body. */
    record Response(int status, String body) {
    }

    private final InetSocketAddress address;
    private final String host;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    KeepAliveClient(String host, int port) {
        this.address = new InetSocketAddress(host, port);
        this.host = host + ":" + port;
    }

    /** GETs the path and query of {@code url} (already percent-encoded) on this client's server. */
    Response get(URL url, String authorization) throws IOException {
        try {
            if (socket == null) {
                connect();
            }
            out.write(("GET " + url.getFile() + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: " + authorization
                    + "\r\nAccept: application/json\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return read();
        } catch (IOException | RuntimeException e) {
            close();
            throw e instanceof IOException io ? io : new IOException(e);
        }
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(30_000);
        socket.connect(address, 5_000);
        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        out = socket.getOutputStream();
    }

    private Response read() throws IOException {
        String statusLine = line();
        // "HTTP/1.1 200 OK"
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
                case "connection" -> close = value.equalsIgnoreCase("close");
                default -> {
                }
            }
        }
        byte[] body;
        if (chunked) {
            body = chunkedBody();
        } else if (length >= 0) {
            body = in.readNBytes((int) length);
            if (body.length != length) {
                throw new IOException("The connection ended inside a response body");
            }
        } else {
            throw new IOException("A response with neither Content-Length nor chunked encoding");
        }
        if (close) {
            close();
        }
        return new Response(status, new String(body, StandardCharsets.UTF_8));
    }

    private byte[] chunkedBody() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line();
            int extension = size.indexOf(';');
            int length = Integer.parseInt((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
            if (length == 0) {
                // Trailers, if any, end with an empty line like the headers.
                String trailer;
                do {
                    trailer = line();
                } while (!trailer.isEmpty());
                return body.toByteArray();
            }
            byte[] chunk = in.readNBytes(length);
            if (chunk.length != length) {
                throw new IOException("The connection ended inside a chunk");
            }
            body.writeBytes(chunk);
            line(); // the CRLF after the chunk
        }
    }

    /** A header line without its CRLF. */
    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("The connection ended inside a response");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a broken connection: nothing more to do
            }
            socket = null;
        }
    }
}
