package io.customerinfo.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nginx baseline of #4 wherever the checkout lives: a clone under {@code /root} or a {@code mktemp -d} folder
 * (mode 700) must not stop nginx's workers from reading the golden file (issue 19). The case that matters is a
 * run as root, whose workers would otherwise drop to {@code nobody}; CI runs as root and installs nginx-light.
 */
class NginxStaticTest {

    @TempDir
    Path temp;

    @Test
    void servesTheGoldenFileFromUnderAFolderOnlyItsOwnerMayEnter() throws Exception {
        Optional<Path> nginx = ExternalTools.find("nginx");
        assumeTrue(nginx.isPresent(), "nginx not installed; " + ExternalTools.INSTALL_HINT);
        Path privateParent = Files.createDirectory(temp.resolve("private"));
        Files.setPosixFilePermissions(privateParent, PosixFilePermissions.fromString("rwx------"));
        Path dir = privateParent.resolve("checkout").resolve("nginx");

        try (NginxStatic server = NginxStatic.start(nginx.get(), dir)) {
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(server.url()).build(), HttpResponse.BodyHandlers.ofByteArray());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(NginxStatic.compactGolden());
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateParent)))
                .as("the parent's permissions are left as they were").isEqualTo("rwx------");
    }
}
