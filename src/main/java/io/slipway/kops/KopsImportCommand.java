package io.slipway.kops;

import io.slipway.api.NameRules;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code hack/kops-import [--namespace NS] [--name NAME] [FILE|-]}: kops manifests in (a file, or stdin), Slipway
 * manifests on stdout; on stderr one line per kops field that does not carry over, one per validation error, and
 * a summary. Exit codes: 0 converted, 1 converted but invalid, 2 unreadable input (or a bad command line).
 */
public final class KopsImportCommand {
    static final String USAGE = "usage: hack/kops-import [--namespace NAMESPACE] [--name CLUSTER_NAME] [KOPS_FILE|-]";
    private static final String PREFIX = "kops-import: ";

    private KopsImportCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    public static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
        String namespace = null;
        String name = null;
        String file = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int eq = arg.indexOf('=');
            String option = arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg;
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
            }
            switch (option) {
                case "-h", "--help" -> {
                    out.println(USAGE);
                    out.println("Converts kops Cluster and InstanceGroup manifests (kops.k8s.io/v1alpha2) to Slipway's; see README.md.");
                    return KopsImport.CONVERTED;
                }
                case "-n", "--namespace", "--name" -> {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            return usage(err, option + " needs a value");
                        }
                        value = args[++i];
                    }
                    if (option.equals("--name")) {
                        name = value;
                    } else {
                        namespace = value;
                    }
                }
                default -> {
                    if (arg.startsWith("-") && !arg.equals("-")) {
                        return usage(err, "unknown option " + arg);
                    }
                    if (file != null) {
                        return usage(err, "one kops file at a time (got " + file + " and " + arg + ")");
                    }
                    file = arg;
                }
            }
        }
        if (namespace != null && (namespace.length() > NameRules.MAX_LENGTH || !namespace.matches(NameRules.DNS_LABEL))) {
            return usage(err, "namespace \"" + namespace + "\" is not a DNS label (a-z, 0-9 and '-', at most " + NameRules.MAX_LENGTH + " characters)");
        }
        String source = file == null || file.equals("-") ? "<stdin>" : file;
        KopsImport.Result result;
        try {
            String text = file == null || file.equals("-") ? new String(stdin.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(file), StandardCharsets.UTF_8);
            result = KopsImport.convert(text, new KopsImport.Options(namespace, name));
        } catch (NoSuchFileException e) {
            err.println(PREFIX + source + ": no such file");
            return KopsImport.UNREADABLE;
        } catch (IOException e) {
            err.println(PREFIX + source + ": cannot read: " + e.getMessage());
            return KopsImport.UNREADABLE;
        } catch (KopsInputException e) {
            err.println(PREFIX + source + ": " + e.getMessage());
            return KopsImport.UNREADABLE;
        }
        out.print(SlipwayManifestWriter.write(result));
        out.flush();
        result.notCarriedOver().forEach(n -> err.println("not carried over: " + n));
        result.problems().forEach(p -> err.println("invalid: " + p));
        err.println(PREFIX + summary(result));
        return result.exitCode();
    }

    private static String summary(KopsImport.Result result) {
        int groups = result.groups().size();
        String text = "converted kops cluster " + result.kopsName() + " to Cluster " + result.clusterName() + " and " + groups
                + (groups == 1 ? " InstanceGroup" : " InstanceGroups") + "; " + result.notCarriedOver().size() + " not carried over";
        int problems = result.problems().size();
        return problems == 0 ? text + "; valid" : text + "; INVALID, Slipway would refuse it: " + problems + (problems == 1 ? " error" : " errors");
    }

    private static int usage(PrintStream err, String problem) {
        err.println(PREFIX + problem);
        err.println(USAGE);
        return KopsImport.UNREADABLE;
    }
}
