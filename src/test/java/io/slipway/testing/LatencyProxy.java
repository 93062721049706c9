package io.slipway.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback HTTP proxy in front of moto that answers as slowly as AWS does (benchmarks only): every call waits
 * {@code callLatency} before it is forwarded; a NAT gateway reads {@code pending} for {@code natPending} after its
 * CreateNatGateway, and a network load balancer {@code provisioning} for {@code nlbProvisioning} after its
 * CreateLoadBalancer (moto makes both usable at once). Nothing else is changed: moto stays the only AWS.
 */
public final class LatencyProxy implements AutoCloseable {
    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "transfer-encoding", "keep-alive", "proxy-connection", "te", "trailer");
    private static final Pattern NAT_ID = Pattern.compile("<natGatewayId>(nat-[0-9a-zA-Z]+)</natGatewayId>");
    private static final Pattern LB_ARN = Pattern.compile("<LoadBalancerArn>([^<]+)</LoadBalancerArn>");
    private static final Pattern ACTION = Pattern.compile("(?:^|&)Action=([A-Za-z0-9]+)");

    private final URI target;
    private final Duration callLatency;
    private final Duration natPending;
    private final Duration nlbProvisioning;
    private final HttpServer server;
    private final ExecutorService threads;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Instant> natCreated = new ConcurrentHashMap<>();
    private final Map<String, Instant> nlbCreated = new ConcurrentHashMap<>();
    private final Map<String, Instant> firstCall = new ConcurrentHashMap<>();
    private final Map<String, Calls> calls = new ConcurrentHashMap<>();

    private LatencyProxy(URI target, Duration callLatency, Duration natPending, Duration nlbProvisioning) throws IOException {
        this.target = target;
        this.callLatency = callLatency;
        this.natPending = natPending;
        this.nlbProvisioning = nlbProvisioning;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "latency-proxy");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public static LatencyProxy start(URI target, Duration callLatency, Duration natPending, Duration nlbProvisioning) {
        try {
            return new LatencyProxy(target, callLatency, natPending, nlbProvisioning);
        } catch (IOException e) {
            throw new IllegalStateException("could not start the latency proxy", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** When the first call of {@code action} (e.g. CreateAutoScalingGroup) passed through, if one did. */
    public Optional<Instant> firstCall(String action) {
        return Optional.ofNullable(firstCall.get(action));
    }

    /** When each action was first and last called (as the proxy received it), and how often. */
    public record Calls(Instant first, Instant last, long count) {
        Calls plus(Calls other) {
            return new Calls(first.isBefore(other.first) ? first : other.first,
                    last.isAfter(other.last) ? last : other.last, count + other.count);
        }
    }

    /** Every action that passed through so far, with its first and last call. */
    public Map<String, Calls> calls() {
        return Map.copyOf(calls);
    }

    /** When the last NAT gateway created through the proxy became available (as the proxy answers). */
    public Optional<Instant> lastNatAvailable() {
        return natCreated.values().stream().max(Instant::compareTo).map(t -> t.plus(natPending));
    }

    /** When the last load balancer created through the proxy became active (as the proxy answers). */
    public Optional<Instant> lastLoadBalancerActive() {
        return nlbCreated.values().stream().max(Instant::compareTo).map(t -> t.plus(nlbProvisioning));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String action = action(exchange, body);
            Instant now = Instant.now();
            firstCall.putIfAbsent(action, now);
            calls.merge(action, new Calls(now, now, 1), Calls::plus);
            Thread.sleep(callLatency.toMillis());
            HttpResponse<byte[]> answer = forward(exchange, body);
            if (Boolean.getBoolean("slipway.bench.trace")) {
                System.err.println(java.time.LocalTime.ofInstant(now, java.time.ZoneOffset.UTC) + " aws " + action + " "
                        + Duration.between(now, Instant.now()).toMillis() + " ms");
            }
            byte[] out = rewrite(action, answer.body());
            answer.headers().map().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            boolean noBody = out.length == 0 || "HEAD".equals(exchange.getRequestMethod());
            if (noBody && answer.headers().firstValue("content-length").isPresent()
                    && "HEAD".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().put("Content-Length", answer.headers().allValues("content-length"));
            }
            exchange.sendResponseHeaders(answer.statusCode(), noBody ? -1 : out.length);
            if (!noBody) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        URI uri = URI.create(target.toString() + exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .method(exchange.getRequestMethod(), body.length == 0
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase())) {
                values.forEach(v -> request.header(name, v));
            }
        });
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The query API's Action (EC2, ELBv2, IAM, auto scaling, STS), or the REST method and path's first segment. */
    private static String action(HttpExchange exchange, byte[] body) {
        String form = new String(body, StandardCharsets.UTF_8);
        String query = exchange.getRequestURI().getRawQuery();
        for (String candidate : List.of(form, query == null ? "" : query)) {
            Matcher m = ACTION.matcher(candidate);
            if (m.find()) {
                return URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
            }
        }
        return exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
    }

    private byte[] rewrite(String action, byte[] body) {
        switch (action) {
            case "CreateNatGateway", "DescribeNatGateways" -> {
                String xml = new String(body, StandardCharsets.UTF_8);
                if (action.equals("CreateNatGateway")) {
                    Matcher m = NAT_ID.matcher(xml);
                    if (m.find()) {
                        natCreated.putIfAbsent(m.group(1), Instant.now());
                    }
                }
                return holdBack(xml, NAT_ID, natCreated, natPending, "<state>available</state>", "<state>pending</state>");
            }
            case "CreateLoadBalancer", "DescribeLoadBalancers" -> {
                String xml = new String(body, StandardCharsets.UTF_8);
                if (action.equals("CreateLoadBalancer")) {
                    Matcher m = LB_ARN.matcher(xml);
                    if (m.find()) {
                        nlbCreated.putIfAbsent(m.group(1), Instant.now());
                    }
                }
                return holdBack(xml, LB_ARN, nlbCreated, nlbProvisioning, "<Code>active</Code>", "<Code>provisioning</Code>");
            }
            default -> {
                return body;
            }
        }
    }

    /** In each resource's part of the answer (from its id to the next id), reports the state it has not reached yet. */
    private static byte[] holdBack(String xml, Pattern id, Map<String, Instant> created, Duration wait, String ready,
                                   String notYet) {
        Instant now = Instant.now();
        Matcher m = id.matcher(xml);
        StringBuilder out = new StringBuilder();
        int copied = 0;
        int start = -1;
        String current = null;
        while (true) {
            boolean found = m.find();
            int end = found ? m.start() : xml.length();
            if (current != null) {
                String part = xml.substring(start, end);
                Instant since = created.get(current);
                if (since != null && now.isBefore(since.plus(wait))) {
                    part = part.replace(ready, notYet);
                }
                out.append(part);
                copied = end;
            } else {
                out.append(xml, copied, end);
                copied = end;
            }
            if (!found) {
                break;
            }
            start = m.start();
            current = m.group(1);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
