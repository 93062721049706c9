package io.slipway.gitops;

import com.fasterxml.jackson.databind.JsonNode;
import io.slipway.crd.GeneratedCrds;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.jse.JseBaseLib;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * One of the shipped Argo CD health scripts (deploy/argocd/slipway.io/KIND/health.lua), run the way Argo CD runs it:
 * a fresh interpreter per evaluation, the object as the global {@code obj}, the returned table's {@code status} and
 * {@code message}. Only the libraries the scripts promise to need are loaded, so a script that reaches for more
 * fails here as well.
 */
public final class ArgoCdHealthScript {
    /** The health codes Argo CD accepts from a script. */
    static final Set<String> ARGO_CD_STATUSES = Set.of("Healthy", "Progressing", "Degraded", "Suspended", "Missing", "Unknown");

    private final String name;
    private final String source;

    ArgoCdHealthScript(String name, String source) {
        this.name = name;
        this.source = source;
    }

    /** deploy/argocd/slipway.io/{kind}/ */
    public static Path directory(String kind) {
        return GeneratedCrds.projectRoot().resolve("deploy/argocd/slipway.io").resolve(kind);
    }

    public static ArgoCdHealthScript forKind(String kind) {
        Path file = directory(kind).resolve("health.lua");
        try {
            return new ArgoCdHealthScript(file.toString(), Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String source() {
        return source;
    }

    /** Evaluates the script against one object (its JSON tree, as the API server returns it). */
    public Health evaluate(JsonNode object) {
        Globals globals = sandbox();
        globals.set("obj", toLua(object));
        LuaValue result = globals.load(source, name).call();
        if (!result.istable()) {
            throw new AssertionError(name + " returned " + result.typename() + ", not a table");
        }
        LuaValue status = result.get("status");
        LuaValue message = result.get("message");
        if (!status.isstring() || !ARGO_CD_STATUSES.contains(status.tojstring())) {
            throw new AssertionError(name + " returned status " + status + ", not one of " + ARGO_CD_STATUSES);
        }
        return new Health(status.tojstring(), message.isnil() ? "" : message.tojstring());
    }

    private static Globals sandbox() {
        Globals globals = new Globals();
        globals.load(new JseBaseLib());
        globals.load(new PackageLib()); // the other libraries register themselves in package.loaded
        globals.load(new TableLib());
        globals.load(new StringLib());
        LoadState.install(globals);
        LuaC.install(globals);
        return globals;
    }

    /** JSON to Lua as Argo CD hands objects to scripts: objects and arrays become tables (arrays 1-based), null is nil. */
    static LuaValue toLua(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return LuaValue.NIL;
        }
        if (node.isObject()) {
            LuaTable table = new LuaTable();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                table.set(field.getKey(), toLua(field.getValue()));
            }
            return table;
        }
        if (node.isArray()) {
            LuaTable table = new LuaTable();
            for (int i = 0; i < node.size(); i++) {
                table.set(i + 1, toLua(node.get(i)));
            }
            return table;
        }
        if (node.isBoolean()) {
            return LuaValue.valueOf(node.booleanValue());
        }
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            return LuaValue.valueOf(node.intValue());
        }
        if (node.isNumber()) {
            return LuaValue.valueOf(node.doubleValue());
        }
        return LuaValue.valueOf(node.asText());
    }

    /** What a health script answered. */
    public record Health(String status, String message) {
    }
}
