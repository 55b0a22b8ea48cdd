package org.hashmatch.service.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyStoreTest {

  @TempDir Path dir;

  @Test
  void create_authenticates_storesOnlyTheHash_andSurvivesReopen() throws Exception {
    KeyStore keys = KeyStore.open(dir);
    CreatedKey k = keys.create(Role.CURATOR, "alice");
    assertThat(k.secret()).startsWith("hm_").hasSize(46);
    assertThat(k.toString()).doesNotContain(k.secret());
    assertThat(keys.authenticate(k.secret())).contains(k.key());
    assertThat(keys.authenticate(k.secret() + "x")).isEmpty();
    assertThat(keys.authenticate("Bearer nonsense")).isEmpty();

    byte[] file = Files.readAllBytes(dir.resolve(KeyFileFormatV1.FILE_NAME));
    assertThat(new String(file, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(k.secret());

    KeyStore reopened = KeyStore.open(dir);
    assertThat(reopened.authenticate(k.secret())).map(ApiKey::role).contains(Role.CURATOR);
    assertThat(reopened.list()).containsExactly(k.key());
  }

  @Test
  void revoke_refusesTheKey_inThisAndOtherInstances() {
    KeyStore a = KeyStore.open(dir);
    KeyStore b = KeyStore.open(dir); // as the keys command, in another process, would
    CreatedKey k = a.create(Role.ADMIN, "");
    b.reloadIfChanged();
    assertThat(b.authenticate(k.secret())).isPresent();
    assertThat(b.revoke(k.key().id())).hasValueSatisfying(r -> assertThat(r.active()).isFalse());
    a.reloadIfChanged();
    assertThat(a.authenticate(k.secret())).isEmpty();
    assertThat(a.revoke("k_0000000000000000")).isEmpty();
    // Both instances' changes are kept: creating through a after b revoked does not resurrect.
    a.create(Role.MATCHER, "m");
    assertThat(KeyStore.open(dir).list()).hasSize(2)
        .anySatisfy(x -> assertThat(x.revokedAt()).isNotNull());
  }

  @Test
  void roles_areOrdered() {
    assertThat(Role.ADMIN.includes(Role.CURATOR)).isTrue();
    assertThat(Role.CURATOR.includes(Role.MATCHER)).isTrue();
    assertThat(Role.MATCHER.includes(Role.CURATOR)).isFalse();
    assertThatThrownBy(() -> Role.fromJsonName("root")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keyFile_roundTrips_andRejectsEveryFlippedByte() {
    List<ApiKey> keys = List.of(
        new ApiKey("k_00112233445566ff", "a b", Role.MATCHER, new byte[32], Instant.ofEpochMilli(5), null),
        new ApiKey("k_aa112233445566ff", "", Role.ADMIN, filled(7), Instant.ofEpochMilli(9),
            Instant.ofEpochMilli(11)));
    byte[] file = KeyFileFormatV1.write(keys);
    assertThat(KeyFileFormatV1.read(file)).isEqualTo(keys);
    for (int i = 0; i < file.length; i++) {
      byte[] bad = file.clone();
      bad[i] ^= 0x10;
      assertThatThrownBy(() -> KeyFileFormatV1.read(bad)).as("flipped byte %d", i)
          .isInstanceOf(KeyFileException.class);
    }
    for (int len = 0; len < file.length; len += 7) {
      byte[] cut = java.util.Arrays.copyOf(file, len);
      assertThatThrownBy(() -> KeyFileFormatV1.read(cut)).isInstanceOf(KeyFileException.class);
    }
  }

  @Test
  void keyFile_unknownVersion_isNamed() {
    byte[] file = KeyFileFormatV1.write(List.of());
    // magic (4) + UTF name (2 + 15) then the version int.
    int at = 4 + 2 + KeyFileFormatV1.FORMAT_NAME.length();
    file[at + 3] = 9;
    assertThatThrownBy(() -> KeyFileFormatV1.read(file)).isInstanceOf(KeyFileException.class)
        .hasMessageContaining("version is 9");
  }

  @Test
  void corruptKeyFile_refusesToOpen() throws Exception {
    KeyStore.open(dir).create(Role.ADMIN, "x");
    Path f = dir.resolve(KeyFileFormatV1.FILE_NAME);
    byte[] b = Files.readAllBytes(f);
    b[b.length / 2] ^= 1;
    Files.write(f, b);
    assertThatThrownBy(() -> KeyStore.open(dir)).isInstanceOf(KeyFileException.class)
        .hasMessageContaining("checksum");
  }

  private static byte[] filled(int v) {
    byte[] b = new byte[32];
    java.util.Arrays.fill(b, (byte) v);
    return b;
  }
}
