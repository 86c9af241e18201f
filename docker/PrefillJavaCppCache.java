import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.util.Collections;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.bytedeco.javacpp.Loader;

/**
 * Unpacks the native libraries of the jars on its class path into JavaCPP's cache, where JavaCPP would unpack them at
 * the application's start, without loading any of them: the GPU image's build runs it on a machine with neither GPU
 * nor CUDA, so that a new container finds the CUDA libraries (600 MB in their jar) unpacked instead of writing them at
 * its first start. Run as a single source file, with a JDK (the build image's):
 *
 * <pre>
 * java -cp RUNTIME_CLASSPATH -Dorg.bytedeco.javacpp.cachedir=DIR docker/PrefillJavaCppCache.java
 * </pre>
 *
 * Each library goes through {@link Loader#cacheResource(java.net.URL)}, the method with which JavaCPP's loader unpacks a
 * library before loading it (JavaCPP 1.5.7, {@code Loader.loadLibrary}). It names the file
 * {@code DIR/<jar file name>/<path in the jar>} and gives it the entry's time; at run time JavaCPP takes a cached file
 * as it is when its size and time are the entry's. The jar file name is the same in Maven's repository, where the
 * build reads the jars, and in the fat jar's {@code BOOT-INF/lib}, where the application reads them (Spring Boot's
 * loader names a nested jar {@code /opt/digits/digits.jar!/BOOT-INF/lib/<jar file name>}, and JavaCPP takes the last
 * part): the application finds these files. What JavaCPP makes at run time besides (symbolic links between libraries, copies under another name) it
 * still makes then, in the same directory.
 */
public class PrefillJavaCppCache {

	public static void main(String[] args) throws IOException {
		String platform = Loader.getPlatform();
		int libraries = 0;
		long bytes = 0;
		for (String path : System.getProperty("java.class.path").split(File.pathSeparator)) {
			if (!path.endsWith(".jar")) {
				continue;
			}
			File jar = new File(path);
			try (JarFile entries = new JarFile(jar)) {
				for (JarEntry entry : Collections.list(entries.entries())) {
					if (isLibrary(entry, platform)) {
						File cached = Loader.cacheResource(URI.create("jar:" + jar.toURI() + "!/" + entry.getName()).toURL());
						System.out.printf("%s (%d MB)%n", cached, cached.length() >> 20);
						libraries++;
						bytes += cached.length();
					}
				}
			}
		}
		if (libraries == 0) {
			System.err.println("No native library for " + platform + " on the class path: nothing unpacked");
			System.exit(1);
		}
		System.out.printf("%d libraries (%d MB) unpacked into %s%n", libraries, bytes >> 20, Loader.getCacheDir());
	}

	/**
	 * A library in JavaCPP's layout, {@code <package>/<platform>[-<extension>]/lib<name>.so[.<version>]}. The headers,
	 * CMake and pkg-config files some jars hold beside their libraries are never unpacked at run time, so not here
	 * either.
	 */
	static boolean isLibrary(JarEntry entry, String platform) {
		String[] path = entry.getName().split("/");
		if (entry.isDirectory() || path.length < 2) {
			return false;
		}
		String directory = path[path.length - 2];
		String name = path[path.length - 1];
		return (directory.equals(platform) || directory.startsWith(platform + "-")) && name.startsWith("lib")
				&& (name.endsWith(".so") || name.contains(".so."));
	}

}
