// Vagrant's own words (hashicorp/vagrant templates/locales/en.yml and the VirtualBox
// provider's locale), for the states and errors the lab can produce.

/** `state-human-long` per VirtualBox state. */
export const stateLong: Readonly<Record<string, string>> = {
  running: `The VM is running. To stop this VM, you can run \`vagrant halt\` to
shut it down forcefully, or you can run \`vagrant suspend\` to simply
suspend the virtual machine. In either case, to restart it again,
simply run \`vagrant up\`.`,
  poweroff: `The VM is powered off. To restart the VM, simply run \`vagrant up\``,
  not_created: `The environment has not yet been created. Run \`vagrant up\` to
create the environment. If a machine is not created, only the
default provider will be shown. So if a provider is not listed,
then the machine is not created for that environment.`,
};

/** The text after the state table when several machines are listed. */
export const multipleVms = `This environment represents multiple VMs. The VMs are all listed
above with their current state. For more information about a specific
VM, run \`vagrant status NAME\`.`;

/** A Vagrant error: its Ruby class and message. */
export type VagrantErrorText = {readonly errorClass: string; readonly message: string};

/** No Vagrantfile in the directory or its parents. */
export const noEnvironment: VagrantErrorText = {
  errorClass: 'Vagrant::Errors::NoEnvironmentError',
  message: `A Vagrant environment or target machine is required to run this
command. Run \`vagrant init\` to create a new Vagrant environment. Or,
get an ID of a target machine from \`vagrant global-status\` to run
this command on. A final option is to change to a directory with a
Vagrantfile and to try again.`,
};

/** A Vagrantfile with a Ruby syntax error. */
export function syntaxError(file: string, detail: string): VagrantErrorText {
  return {
    errorClass: 'Vagrant::Errors::VagrantfileSyntaxError',
    message: `There is a syntax error in the following Vagrantfile. The syntax error
message is reproduced below for convenience:

${file}: ${detail}`,
  };
}

/** A Vagrantfile that loads but cannot be understood. */
export function loadError(file: string, detail: string): VagrantErrorText {
  return {
    errorClass: 'Vagrant::Errors::VagrantfileLoadError',
    message: `There was an error loading a Vagrantfile. The file being loaded
and the error message are shown below. This is usually caused by
an invalid or undefined variable.

Path: ${file}
Line number: 0
Message: ${detail}`,
  };
}

/** VirtualBox ≥ 6.1.28 refusing a host-only address outside its allowed ranges. */
export function hostOnlyNotAllowed(address: string): VagrantErrorText {
  return {
    errorClass: 'VagrantPlugins::ProviderVirtualBox::Errors::NetworkAddressInvalid',
    message: `The IP address configured for the host-only network is not within the
allowed ranges. Please update the address used to be within the allowed
ranges and run the command again.

  Address: ${address}
  Ranges: 192.168.56.0/21

Valid ranges can be modified in the /etc/vbox/networks.conf file. For
more information including valid format see:

  https://www.virtualbox.org/manual/ch06.html#network_hostonly`,
  };
}

/** `vagrant ssh-config` on a machine that is not running. */
export const sshNotReady: VagrantErrorText = {
  errorClass: 'Vagrant::Errors::SSHNotReady',
  message: `The provider for this Vagrant-managed machine is reporting that it
is not yet ready for SSH. Depending on your provider this can carry
different meanings. Make sure your machine is created and running and
try again. Additionally, check the output of \`vagrant status\` to verify
that the machine is in the state that you expect. If you continue to
get this error message, please view the documentation for the provider
you're using.`,
};

/** A question asked without a terminal (`vagrant destroy` without `-f`). */
export const uiExpectsTty: VagrantErrorText = {
  errorClass: 'Vagrant::Errors::UIExpectsTTY',
  message: `Vagrant is attempting to interface with the UI in a way that requires
a TTY. Most actions in Vagrant that require a TTY have configuration
switches to disable this requirement. Please do that or run Vagrant
with TTY.`,
};

/** A machine name the Vagrantfile does not define. */
export function machineNotFound(name: string): VagrantErrorText {
  return {
    errorClass: 'Vagrant::Errors::MachineNotFound',
    message: `The machine with the name '${name}' was not found configured for
this Vagrant environment.`,
  };
}

/** The top-level help (unknown command). */
export const usage = `Usage: vagrant [options] <command> [<args>]

    -h, --help                       Print this help.

Common commands:
     destroy         stops and deletes all traces of the vagrant machine
     halt            stops the vagrant machine
     ssh-config      outputs OpenSSH valid configuration to connect to the machine
     status          outputs status of the vagrant machine
     up              starts and provisions the vagrant environment
     version         prints current and latest Vagrant version`;

/** The version the stand-in claims. */
export const vagrantVersion = '2.2.19';
