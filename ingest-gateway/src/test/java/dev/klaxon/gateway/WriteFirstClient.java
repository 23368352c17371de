package dev.klaxon.gateway;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 on a bare socket, written the way Python's urllib and requests do it: the whole request,
 * body included, goes out before a byte of the answer is read. A server that answers early and
 * closes without reading the rest resets such a client before it sees the answer.
 */
final class WriteFirstClient implements AutoCloseable {

  private static final int WRITE_SIZE = 64 * 1024;

  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;

  WriteFirstClient(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(30_000); // a hung read fails the test rather than blocking it
    out = socket.getOutputStream();
    in = new BufferedInputStream(socket.getInputStream());
  }

  /** The answer: status, headers with lower-cased names, body as text. */
  record Answer(int status, Map<String, String> headers, String body) {
  }

  /** The request line and headers of a {@code POST /v1/events}; {@code headers}: name, value, name, value... */
  void writeHead(String... headers) throws IOException {
    StringBuilder head = new StringBuilder("POST /v1/events HTTP/1.1\r\nHost: localhost\r\n");
    for (int i = 0; i < headers.length; i += 2) {
      head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
    }
    out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
  }

  /** A whole request with Content-Length. */
  void post(byte[] body, String... headers) throws IOException {
    writeHead(with(headers, "Content-Length", Integer.toString(body.length)));
    writeBody(body);
  }

  /** A whole request in chunks of {@code chunkSize}, without Content-Length. */
  void postChunked(byte[] body, int chunkSize, String... headers) throws IOException {
    writeHead(with(headers, "Transfer-Encoding", "chunked"));
    for (int offset = 0; offset < body.length; offset += chunkSize) {
      writeChunk(body, offset, Math.min(chunkSize, body.length - offset));
    }
    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  void writeChunk(byte[] data, int offset, int length) throws IOException {
    out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(data, offset, length);
    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
  }

  void writeBody(byte[] body) throws IOException {
    for (int offset = 0; offset < body.length; offset += WRITE_SIZE) {
      out.write(body, offset, Math.min(WRITE_SIZE, body.length - offset));
    }
    out.flush();
  }

  /** False once the server has closed the connection: the write is refused or reset. */
  boolean tryWriteBody(byte[] bytes) {
    try {
      writeBody(bytes);
      return true;
    } catch (IOException closed) {
      return false;
    }
  }

  /** Reads one answer; its body by Content-Length, or up to the end of the stream without one. */
  Answer read() throws IOException {
    String statusLine = line();
    if (!statusLine.startsWith("HTTP/1.1 ")) {
      throw new IOException("not an HTTP answer: " + statusLine);
    }
    int status = Integer.parseInt(statusLine.substring(9, 12));
    Map<String, String> headers = new TreeMap<>();
    for (String line = line(); !line.isEmpty(); line = line()) {
      int colon = line.indexOf(':');
      headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
    }
    String length = headers.get("content-length");
    byte[] body = length != null ? in.readNBytes(Integer.parseInt(length)) : in.readAllBytes();
    return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  /** What the server sends after an answer, up to its end of the stream. */
  String readToEnd() throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed mid-answer after \"" + line + "\"");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }

  private static String[] with(String[] headers, String name, String value) {
    String[] all = Arrays.copyOf(headers, headers.length + 2);
    all[headers.length] = name;
    all[headers.length + 1] = value;
    return all;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
