# bash completion for zoomqos                                  -*- shell-script -*-
# Commands, options, and the values of options that take a fixed set.
# tests/docs/test_docs.sh keeps these lists equal to `--help`.

_zoomqos_commands="get list report auth config"
_zoomqos_options_get="--type --meeting -o --output --json --samples --thresholds --fail-on --annotate --watch --rate --concurrency -q --quiet --api-url --token-file --timeout --retries --max-wait --max-body --cacert --oauth-url --account-id --client-id --client-secret-file --no-cache --config -v --verbose -h --help"
_zoomqos_options_list="--type --meeting --page-size --limit -o --output --json --thresholds --fail-on --annotate --rate -q --quiet --api-url --token-file --timeout --retries --max-wait --max-body --cacert --oauth-url --account-id --client-id --client-secret-file --no-cache --config -v --verbose -h --help"
_zoomqos_options_report="-o --output --type --meeting --thresholds --fail-on --rate -q --quiet --api-url --token-file --timeout --retries --max-wait --max-body --cacert --oauth-url --account-id --client-id --client-secret-file --no-cache --config -v --verbose -h --help"
_zoomqos_options_auth="status -o --output --api-url --token-file --timeout --retries --max-wait --max-body --cacert --oauth-url --account-id --client-id --client-secret-file --no-cache --config -v --verbose -h --help"
_zoomqos_options_config="show --api-url --token-file --timeout --retries --max-wait --max-body --cacert --oauth-url --account-id --client-id --client-secret-file --no-cache --config -v --verbose -h --help"
# Options that take a value: the word after them is that value, not a command.
_zoomqos_value_options="--type -o --output --thresholds --fail-on --watch --rate --concurrency --page-size --limit --api-url --token-file --timeout --retries --max-wait --max-body --cacert --oauth-url --account-id --client-id --client-secret-file --config"

_zoomqos() {
    local cur=${COMP_WORDS[COMP_CWORD]}
    local prev=""
    ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}

    local command="" word i
    for ((i = 1; i < COMP_CWORD; i++)); do
        word=${COMP_WORDS[i]}
        if [[ " $_zoomqos_value_options " == *" $word "* ]]; then
            ((i++))
        elif [[ $word != -* ]]; then
            command=$word
            break
        fi
    done

    if [[ -z $command ]]; then
        COMPREPLY=($(compgen -W "$_zoomqos_commands --help --version" -- "$cur"))
        return
    fi

    case $prev in
        --type)
            COMPREPLY=($(compgen -W "live past" -- "$cur"))
            return
            ;;
        -o | --output)
            if [[ $command == report ]]; then
                COMPREPLY=($(compgen -f -- "$cur")) # the HTML file
            else
                COMPREPLY=($(compgen -W "table json ndjson csv raw" -- "$cur"))
            fi
            return
            ;;
        --token-file | --cacert | --client-secret-file | --config)
            COMPREPLY=($(compgen -f -- "$cur"))
            return
            ;;
        --api-url | --timeout | --retries | --max-wait | --max-body | --oauth-url | --account-id | --client-id | \
            --thresholds | --watch | --rate | --concurrency | --page-size | --limit)
            return
            ;;
        --fail-on)
            COMPREPLY=($(compgen -W "default" -- "$cur"))
            return
            ;;
    esac

    if [[ $cur == -* ]]; then
        local options_var="_zoomqos_options_${command//-/_}"
        COMPREPLY=($(compgen -W "${!options_var}" -- "$cur"))
    fi
}

complete -F _zoomqos zoomqos
